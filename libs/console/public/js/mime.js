// @ts-check
// Just enough MIME to show a stored email: headers, the text part, and attachments as downloadable blobs.

export function parseMessage(text) {
  const split = text.search(/\r?\n\r?\n/);
  const headerText = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = [];
  for (const line of headerText.split(/\r?\n/)) {
    if (/^\s/.test(line) && headers.length) headers[headers.length - 1].value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
  }
  return { headers, body, header: (name) => headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? '' };
}

/** Walks multipart bodies; returns { text, attachments: [{ filename, contentType, bytes }] }. */
export function readParts(message) {
  const out = { text: '', attachments: [] };
  walk(message, out);
  return out;
}

function walk(part, out) {
  const type = part.header('Content-Type') || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const pieces = part.body.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith('--')) break;
      walk(parseMessage(piece.replace(/^\r?\n/, '')), out);
    }
    return;
  }
  const encoding = part.header('Content-Transfer-Encoding').toLowerCase();
  const disposition = part.header('Content-Disposition');
  const filename = /filename\*?="?([^";]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";]+)"?/i.exec(type)?.[1];
  if (!filename && /^text\/plain/i.test(type) && !out.text) {
    out.text = decodeText(part.body, encoding);
  } else if (filename || !/^text\//i.test(type)) {
    out.attachments.push({
      filename: filename ?? 'attachment',
      contentType: type.split(';')[0].trim(),
      bytes: decodeBytes(part.body, encoding),
    });
  }
}

function decodeBytes(body, encoding) {
  if (encoding === 'base64') {
    const binary = atob(body.replace(/\s+/g, ''));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }
  return new TextEncoder().encode(encoding === 'quoted-printable' ? quotedPrintable(body) : body);
}

function decodeText(body, encoding) {
  if (encoding === 'base64') return new TextDecoder().decode(decodeBytes(body, encoding));
  if (encoding === 'quoted-printable') {
    const bytes = Uint8Array.from(quotedPrintable(body), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  }
  return body;
}

function quotedPrintable(body) {
  return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}
