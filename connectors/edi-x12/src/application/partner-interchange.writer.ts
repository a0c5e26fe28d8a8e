import { Injectable } from '@nestjs/common';
import { assertOutboundValid, writeInterchangeText, X12GroupDraft, X12SegmentDraft } from '@orderhub/x12';
import { formatIsaControl } from '../domain/control-number';
import { isaVersionOf, PartnerDelimiters, TradingPartner } from '../domain/trading-partner';
import { HubIdentity } from './hub-identity';
import { ControlNumberSequence } from './ports';

/**
 * Writes one outbound interchange to a partner in their delimiters, taking ISA13 from the persisted sequence.
 * Must run inside the transaction that stores the document, so the number and the document commit together.
 */
@Injectable()
export class PartnerInterchangeWriter {
  constructor(
    private readonly hub: HubIdentity,
    private readonly sequence: ControlNumberSequence,
  ) {}

  /** GS06 / ST02 numbers for the groups and sets the caller is about to build. */
  async allocate(partnerId: string, kind: 'GS' | 'ST', count = 1): Promise<number[]> {
    return this.sequence.next(partnerId, kind, count);
  }

  async write(
    partner: TradingPartner,
    draft: { groups: X12GroupDraft[]; interchangeSegments?: X12SegmentDraft[]; isaVersion?: '00401' | '00501' },
  ): Promise<{ content: string; controlNumber: string }> {
    const [isa] = await this.sequence.next(partner.id, 'ISA');
    const isaVersion = draft.isaVersion ?? isaVersionOf(partner.version);
    const content = writeInterchangeText({
      identity: {
        sender: { qualifier: this.hub.isaQualifier, id: this.hub.isaId },
        receiver: { qualifier: partner.isaQualifier, id: partner.isaId },
        controlNumber: isa,
        version: isaVersion,
        usage: 'P',
      },
      delimiters: delimitersFor(partner.delimiters, isaVersion),
      interchangeSegments: draft.interchangeSegments,
      groups: draft.groups,
    });
    // Nothing leaves that the dictionary refuses: a failure here is our bug and stops the document (X12.OUTBOUND_INVALID).
    assertOutboundValid(content, `interchange ${formatIsaControl(isa)} to ${partner.name}`);
    return { content, controlNumber: formatIsaControl(isa) };
  }

  get gsId(): string {
    return this.hub.gsId;
  }
}

/** 00401 has no repetition separator (ISA11 is 'U'); from 00402 on one is required. */
export function delimitersFor(d: PartnerDelimiters, isaVersion: string): PartnerDelimiters {
  if (isaVersion < '00402') return { element: d.element, component: d.component, segment: d.segment };
  const used = [d.element, d.component, d.segment];
  const repetition = d.repetition && !used.includes(d.repetition) ? d.repetition : ['^', '{', '|', '!'].find((c) => !used.includes(c));
  return { element: d.element, component: d.component, segment: d.segment, repetition };
}
