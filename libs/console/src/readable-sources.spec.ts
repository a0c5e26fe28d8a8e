// The console's pure helpers for showing sources, run under Node: X12 split by its own delimiters and named,
// and stored emails taken apart. (The browser-side files are plain ES modules; Jest's swc transform loads them.)
/* eslint-disable @typescript-eslint/no-require-imports */
const { parseX12, describeSegment } = require('../public/js/x12.js') as typeof import('./browser-helpers');
const { parseMessage, readParts } = require('../public/js/mime.js') as typeof import('./browser-helpers');

const isa = (element: string, component: string, terminator: string) =>
  [
    'ISA',
    '00',
    '          ',
    '00',
    '          ',
    'ZZ',
    'ACME           ',
    'ZZ',
    'ORDERHUB       ',
    '240105',
    '1200',
    'U',
    '00401',
    '000000001',
    '0',
    'P',
    component,
  ].join(element) + terminator;

describe('X12 made readable', () => {
  it('splits on the delimiters the ISA declares and names the elements of known segments', () => {
    const text =
      isa('|', '>', '\n') +
      [
        'GS|PO|ACME|ORDERHUB|20240105|1200|1|X|004010',
        'ST|850|0001',
        'BEG|00|SA|PO-77||20240105',
        'N1|ST|Store 42|92|0042',
        'PO1|1|12|EA|4.25||VN|HW-1001',
        'ZZZ|x',
        'SE|5|0001',
      ].join('\n');
    const segments = parseX12(text);
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'ST', 'BEG', 'N1', 'PO1', 'ZZZ', 'SE']);
    const beg = describeSegment(segments[3]);
    expect(beg.name).toBe('Purchase order start');
    expect(beg.elements.slice(0, 3)).toEqual([
      { ref: 'BEG01', name: 'Purpose', value: '00' },
      { ref: 'BEG02', name: 'PO type', value: 'SA' },
      { ref: 'BEG03', name: 'PO number', value: 'PO-77' },
    ]);
    expect(describeSegment(segments[5]).elements[6]).toEqual({ ref: 'PO107', name: 'Product id', value: 'HW-1001' });
    expect(describeSegment(segments[6])).toEqual({ name: null, elements: [{ ref: 'ZZZ01', name: null, value: 'x' }] });
  });

  it('handles the common * and ~ delimiters with line breaks between segments', () => {
    const segments = parseX12(`${isa('*', ':', '~')}\r\nGS*PO*A*B*20240105*1200*1*X*004010~\r\nIEA*1*000000001~\r\n`);
    expect(segments.map((s) => s.id)).toEqual(['ISA', 'GS', 'IEA']);
    expect(describeSegment(segments[2]).elements[1]).toMatchObject({ name: 'Control number', value: '000000001' });
  });
});

describe('stored emails', () => {
  it('shows the headers, the text part and the attachments of a multipart message', () => {
    const pdf = Buffer.from('%PDF-1.4 fake').toString('base64');
    const message = parseMessage(
      [
        'From: Buyer <buyer@example.com>',
        'Subject: PO 4711',
        'Content-Type: multipart/mixed;',
        ' boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Please ship =E2=80=94 thanks',
        '--b1',
        'Content-Type: application/pdf; name="po.pdf"',
        'Content-Disposition: attachment; filename="po.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf,
        '--b1--',
      ].join('\r\n'),
    );
    expect(message.header('subject')).toBe('PO 4711');
    expect(message.header('Content-Type')).toBe('multipart/mixed; boundary="b1"');
    const parts = readParts(message);
    expect(parts.text.trim()).toBe('Please ship — thanks');
    expect(parts.attachments).toHaveLength(1);
    expect(parts.attachments[0]).toMatchObject({ filename: 'po.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(parts.attachments[0].bytes).toString()).toBe('%PDF-1.4 fake');
  });
});
