// @ts-check
// X12 made readable: one segment per line, element names for the segments an 850/855/810/997 carries.

const SEGMENTS = {
  ISA: [
    'Authorization qualifier',
    'Authorization',
    'Security qualifier',
    'Security',
    'Sender qualifier',
    'Sender id',
    'Receiver qualifier',
    'Receiver id',
    'Date',
    'Time',
    'Repetition separator',
    'Version',
    'Control number',
    'Ack requested',
    'Usage (P/T)',
    'Component separator',
  ],
  GS: ['Functional id', 'Sender code', 'Receiver code', 'Date', 'Time', 'Group control', 'Agency', 'Version'],
  ST: ['Transaction set', 'Control number', 'Implementation'],
  BEG: ['Purpose', 'PO type', 'PO number', 'Release', 'PO date', 'Contract'],
  BAK: ['Purpose', 'Ack type', 'PO number', 'PO date', 'Release', 'Request ref', 'Contract', 'Reference', 'Ack date'],
  BIG: ['Invoice date', 'Invoice number', 'PO date', 'PO number'],
  REF: ['Qualifier', 'Reference', 'Description'],
  DTM: ['Qualifier', 'Date', 'Time'],
  N1: ['Entity', 'Name', 'Id qualifier', 'Id code'],
  N2: ['Name', 'Name'],
  N3: ['Address', 'Address 2'],
  N4: ['City', 'State', 'Postal code', 'Country'],
  PER: ['Contact function', 'Name', 'Comm qualifier', 'Number', 'Comm qualifier', 'Number'],
  PO1: [
    'Line',
    'Quantity',
    'Unit',
    'Unit price',
    'Price basis',
    'Id qualifier',
    'Product id',
    'Id qualifier',
    'Product id',
    'Id qualifier',
    'Product id',
  ],
  ACK: ['Line status', 'Quantity', 'Unit', 'Date qualifier', 'Date'],
  IT1: ['Line', 'Quantity', 'Unit', 'Unit price', 'Price basis', 'Id qualifier', 'Product id', 'Id qualifier', 'Product id'],
  PID: ['Description type', 'Characteristic', 'Agency', 'Code', 'Description'],
  TDS: ['Total amount'],
  CTT: ['Line count', 'Hash total'],
  AK1: ['Functional id', 'Group control', 'Version'],
  AK2: ['Transaction set', 'Control number'],
  AK5: ['Status', 'Error'],
  IK5: ['Status', 'Error'],
  AK9: ['Status', 'Sets included', 'Sets received', 'Sets accepted'],
  TA1: ['Control number', 'Date', 'Time', 'Ack code', 'Note code'],
  SE: ['Segment count', 'Control number'],
  GE: ['Transaction sets', 'Group control'],
  IEA: ['Functional groups', 'Control number'],
};

const SEGMENT_NAMES = {
  ISA: 'Interchange header',
  GS: 'Group header',
  ST: 'Transaction set header',
  BEG: 'Purchase order start',
  BAK: 'Acknowledgment start',
  BIG: 'Invoice start',
  REF: 'Reference',
  DTM: 'Date/time',
  N1: 'Party',
  N2: 'Additional name',
  N3: 'Address',
  N4: 'Location',
  PER: 'Contact',
  PO1: 'Line item',
  ACK: 'Line acknowledgment',
  IT1: 'Invoice line',
  PID: 'Description',
  TDS: 'Total',
  CTT: 'Totals',
  AK1: 'Group response',
  AK2: 'Set response',
  AK5: 'Set result',
  IK5: 'Set result',
  AK9: 'Group result',
  TA1: 'Interchange ack',
  SE: 'Transaction set trailer',
  GE: 'Group trailer',
  IEA: 'Interchange trailer',
};

export function looksLikeX12(text) {
  return /^\s*ISA/.test(text);
}

/** Splits an interchange using the delimiters its own ISA declares (element at 3, segment after ISA16). */
export function parseX12(text) {
  const body = text.replace(/^\s+/, '');
  let element = '*';
  let terminator = '~';
  if (body.startsWith('ISA') && body.length >= 106) {
    element = body[3];
    terminator = body[105];
  }
  const parts = terminator === '\n' || terminator === '\r' ? body.split(/\r?\n/) : body.split(terminator);
  return parts
    .map((s) => s.replace(/^[\r\n]+|[\r\n]+$/g, ''))
    .filter((s) => s.length > 0)
    .map((raw) => {
      const [id, ...elements] = raw.split(element);
      return { id, elements, raw };
    });
}

export function describeSegment(segment) {
  const names = SEGMENTS[segment.id] ?? [];
  return {
    name: SEGMENT_NAMES[segment.id] ?? null,
    elements: segment.elements.map((value, i) => ({
      ref: `${segment.id}${String(i + 1).padStart(2, '0')}`,
      name: names[i] ?? null,
      value,
    })),
  };
}
