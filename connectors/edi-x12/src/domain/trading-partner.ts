import { z } from 'zod';
import { connectionInputSchema, connectionView, DEFAULT_CONNECTION, type PartnerConnection } from './partner-connection';

/**
 * A trading partner profile: who they are on the wire (ISA/GS ids), what they want back, and how the hub
 * writes to them. Pure types and rules; persistence lives in infrastructure.
 */
export const PARTNER_VERSIONS = ['004010', '005010'] as const;
export type PartnerVersion = (typeof PARTNER_VERSIONS)[number];

export const PARTNER_DOCUMENTS = ['997', '999', 'TA1', '855', '856', '810', '865', '846'] as const;
export type PartnerDocument = (typeof PARTNER_DOCUMENTS)[number];

export interface PartnerDelimiters {
  element: string;
  component: string;
  segment: string;
  /** ISA11 from 00402 on; ignored for 004010 partners (ISA11 is then 'U'). */
  repetition?: string;
}

/** Pluggable: a folder now, SFTP or AS2 later (each a new `kind` and an OutboundTransport implementation). */
export type PartnerDestination = { kind: 'folder'; path?: string };

/**
 * 'warning' by default: many real partners send a CTT02 that is not the sum of PO102 (some sum amounts, some
 * count lines); rejecting every such order would stop good business for a checksum nobody else uses.
 */
export type HashTotalPolicy = 'reject' | 'warning';
/** 'lenient' by default: several translators trim ISA padding; the width problem is then noted, not fatal. */
export type IsaWidthPolicy = 'strict' | 'lenient';

export interface TradingPartner {
  id: string;
  name: string;
  customerId: string;
  isaQualifier: string;
  isaId: string;
  gsId: string;
  version: PartnerVersion;
  documents: PartnerDocument[];
  delimiters: PartnerDelimiters;
  destination: PartnerDestination;
  /** How documents travel (http, folder, as2, sftp); secrets sealed. */
  connection: PartnerConnection;
  duplicateWindowHours: number;
  hashTotalPolicy: HashTotalPolicy;
  isaWidth: IsaWidthPolicy;
  /** Hours after which a document of ours without the partner's 997/999/TA1 counts as overdue. */
  ackOverdueHours: number;
  ackChangesWith855: boolean;
  inventoryAdviceAt: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const DEFAULT_PARTNER_DELIMITERS: Readonly<PartnerDelimiters> = Object.freeze({
  element: '*',
  component: '>',
  segment: '~',
  repetition: '^',
});
export const DEFAULT_DUPLICATE_WINDOW_HOURS = 72;
export const DEFAULT_ACK_OVERDUE_HOURS = 24;

const oneChar = z.string().length(1);
const delimitersSchema = z
  .object({ element: oneChar, component: oneChar, segment: oneChar, repetition: oneChar.optional() })
  .refine((d) => ![d.element, d.component, d.segment, d.repetition].some((c) => c !== undefined && /[A-Za-z0-9 ]/.test(c)), {
    message: 'delimiters may not be letters, digits or spaces',
  })
  .refine((d) => new Set([d.element, d.component, d.segment, ...(d.repetition ? [d.repetition] : [])]).size === (d.repetition ? 4 : 3), {
    message: 'delimiters must be distinct',
  });

// ISA06/ISA08 are 15 characters, GS02/GS03 up to 15; no delimiter-looking characters so ids never break an envelope.
const isaId = z
  .string()
  .trim()
  .min(1)
  .max(15)
  .regex(/^[A-Za-z0-9 ._\-/&]+$/, 'letters, digits, space and . _ - / & only');

// A relative destination resolves against HUB_DATA_DIR: a '..' segment would climb out of it (../../etc), and a NUL
// or control character would be cut or misread by the filesystem call.
const destinationPath = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => !/[\u0000-\u001f]/.test(p), 'no control characters')
  .refine((p) => !p.split(/[\\/]/).includes('..'), "no '..' segments: a relative path stays inside HUB_DATA_DIR");

export const partnerDraftSchema = z.object({
  name: z.string().trim().min(1).max(200),
  customerId: z.string().uuid(),
  isaQualifier: z.string().regex(/^[A-Z0-9]{2}$/, 'two characters, e.g. ZZ, 01, 12'),
  isaId,
  gsId: isaId,
  version: z.enum(PARTNER_VERSIONS),
  documents: z.array(z.enum(PARTNER_DOCUMENTS)).max(PARTNER_DOCUMENTS.length).default(['997']),
  /** A changed order (860 applied) also gets a fresh 855 with the order as it now stands. */
  ackChangesWith855: z.boolean().optional(),
  /** Daily 846 inventory advice at this time (HH:MM, UTC) when the documents list 846; null turns the schedule off. */
  inventoryAdviceAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM in UTC')
    .nullable()
    .optional(),
  /** A document of ours not acknowledged (997/999/TA1) this many hours after it left is overdue. */
  ackOverdueHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  delimiters: delimitersSchema.optional(),
  destination: z.object({ kind: z.literal('folder'), path: destinationPath.optional() }).optional(),
  connection: connectionInputSchema.optional(),
  duplicateWindowHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 366)
    .optional(),
  hashTotalPolicy: z.enum(['reject', 'warning']).optional(),
  isaWidth: z.enum(['strict', 'lenient']).optional(),
  active: z.boolean().optional(),
});
export type PartnerDraft = z.input<typeof partnerDraftSchema>;
export type ValidPartnerDraft = z.output<typeof partnerDraftSchema>;

// A patch names only what changes: without this override the draft's default (['997']) would silently replace
// the documents of every partner whose profile was patched for anything else.
export const partnerPatchSchema = partnerDraftSchema
  .extend({ documents: z.array(z.enum(PARTNER_DOCUMENTS)).max(PARTNER_DOCUMENTS.length) })
  .partial()
  .strict();
export type PartnerPatch = z.output<typeof partnerPatchSchema>;

/** Problems with a whole profile (cross-field rules the schema cannot express). */
export function partnerProblems(p: Pick<TradingPartner, 'version' | 'documents' | 'delimiters'>): string[] {
  const problems: string[] = [];
  if (p.version === '005010' && !p.delimiters.repetition) problems.push('delimiters.repetition: 005010 needs a repetition separator');
  if (p.documents.includes('997') && p.documents.includes('999')) problems.push('documents: choose 997 (004010) or 999 (005010), not both');
  return problems;
}

/** A profile from a validated draft, with the defaults applied. */
export function newPartner(id: string, draft: ValidPartnerDraft, now: Date): TradingPartner {
  return {
    id,
    name: draft.name,
    customerId: draft.customerId,
    isaQualifier: draft.isaQualifier,
    isaId: draft.isaId,
    gsId: draft.gsId,
    version: draft.version,
    documents: [...new Set(draft.documents)],
    delimiters: draft.delimiters ?? { ...DEFAULT_PARTNER_DELIMITERS },
    destination: draft.destination ?? { kind: 'folder' },
    // Sealed by the use case (secrets need the key): see ManagePartnersUseCase.
    connection: DEFAULT_CONNECTION,
    duplicateWindowHours: draft.duplicateWindowHours ?? DEFAULT_DUPLICATE_WINDOW_HOURS,
    hashTotalPolicy: draft.hashTotalPolicy ?? 'warning',
    isaWidth: draft.isaWidth ?? 'lenient',
    ackOverdueHours: draft.ackOverdueHours ?? DEFAULT_ACK_OVERDUE_HOURS,
    ackChangesWith855: draft.ackChangesWith855 ?? false,
    inventoryAdviceAt: draft.inventoryAdviceAt ?? null,
    active: draft.active ?? true,
    createdAt: now,
    updatedAt: now,
  };
}

export function applyPartnerPatch(partner: TradingPartner, patch: PartnerPatch, now: Date): TradingPartner {
  const next: TradingPartner = { ...partner, updatedAt: now };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  next.documents = [...new Set(next.documents)];
  return next;
}

/** ISA12 of what we write to this partner. */
export function isaVersionOf(version: PartnerVersion): '00401' | '00501' {
  return version === '005010' ? '00501' : '00401';
}

/** The outbound delimiters as the X12 writer wants them (no repetition separator before 00402). */
export function writerDelimiters(partner: Pick<TradingPartner, 'version' | 'delimiters'>): PartnerDelimiters {
  const { element, component, segment, repetition } = partner.delimiters;
  return partner.version === '005010' ? { element, component, segment, repetition: repetition ?? '^' } : { element, component, segment };
}

/** What the API shows: never the key hash. */
export function partnerView(p: TradingPartner) {
  return {
    id: p.id,
    name: p.name,
    customerId: p.customerId,
    isaQualifier: p.isaQualifier,
    isaId: p.isaId,
    gsId: p.gsId,
    version: p.version,
    documents: p.documents,
    delimiters: p.delimiters,
    destination: p.destination,
    connection: connectionView(p.connection),
    duplicateWindowHours: p.duplicateWindowHours,
    hashTotalPolicy: p.hashTotalPolicy,
    isaWidth: p.isaWidth,
    ackOverdueHours: p.ackOverdueHours,
    ackChangesWith855: p.ackChangesWith855,
    inventoryAdviceAt: p.inventoryAdviceAt,
    active: p.active,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type PartnerView = ReturnType<typeof partnerView>;
