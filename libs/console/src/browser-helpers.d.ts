// Types of the browser helpers (libs/console/public/js/x12.js, mime.js) for their Node-side spec.
export interface X12Segment {
  id: string;
  elements: string[];
  raw: string;
}
export declare function parseX12(text: string): X12Segment[];
export declare function describeSegment(segment: X12Segment): {
  name: string | null;
  elements: Array<{ ref: string; name: string | null; value: string }>;
};

export interface ParsedMessage {
  headers: Array<{ name: string; value: string }>;
  body: string;
  header(name: string): string;
}
export declare function parseMessage(text: string): ParsedMessage;
export declare function readParts(message: ParsedMessage): {
  text: string;
  attachments: Array<{ filename: string; contentType: string; bytes: Uint8Array }>;
};

export declare function displayStatus(
  status: string,
  f: { ordered?: string; accepted?: string; backordered?: string; shipped?: string } | null | undefined,
): string;
export declare function actorName(actor: string | null | undefined, resolved: Map<string, string | null>): string;
