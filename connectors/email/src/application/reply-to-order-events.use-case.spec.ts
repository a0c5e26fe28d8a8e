import type { PurchaseOrderFlagged } from '@orderhub/contracts';
import type { ConfirmationRequest } from './confirmation.mailer';
import { CustomerContacts, ReplyOutbox, type ReplyReference, type StoredReply } from './ports';
import { FLAGGED_BY, FLAGGED_BY_EMAIL_INTAKE, ReplyToOrderEventsUseCase } from './reply-to-order-events.use-case';

/** Keeps what would be stored, by source key, as the recorded sender does. */
class KeptReplies extends ReplyOutbox {
  readonly kept = new Map<string, ConfirmationRequest>();
  async store(request: ConfirmationRequest, ref: ReplyReference): Promise<StoredReply> {
    if (!this.kept.has(ref.sourceKey)) this.kept.set(ref.sourceKey, request);
    return { documentId: ref.sourceKey, to: request.original.to, status: 'pending' };
  }
  async deliver(reply: StoredReply): Promise<StoredReply> {
    return { ...reply, status: 'delivered' };
  }
}

class NoContacts extends CustomerContacts {
  async mailAddressOf(): Promise<string | null> {
    return null;
  }
}

const flagged = (over: Partial<PurchaseOrderFlagged>): PurchaseOrderFlagged => ({
  exceptionId: 'exc-1',
  channel: 'email',
  rawDocumentId: 'raw-1',
  sender: 'buyer@acme.example',
  poNumber: 'PO-7001',
  reasons: [{ code: 'ORDER.UNKNOWN_UOM', message: 'line 2: unit PAL is not sold for WID-1001' }],
  channelData: { messageId: '<po-7001@acme.example>', subject: 'PO PO-7001', from: 'buyer@acme.example' },
  ...over,
});

describe('needs-review replies for emailed POs, whoever flagged them', () => {
  it('a PO the order core flagged (unit, price, duplicate) gets a "needs review" reply in the thread, with the reasons', async () => {
    const replies = new KeptReplies();
    const stored = await new ReplyToOrderEventsUseCase(replies, new NoContacts()).prepareNeedsReview(flagged({}));
    expect(stored).toMatchObject({ to: 'buyer@acme.example', status: 'pending' });
    expect(replies.kept.get('email-flagged:exc-1')).toMatchObject({
      kind: 'needs-review',
      poNumbers: ['PO-7001'],
      original: { messageId: '<po-7001@acme.example>', subject: 'PO PO-7001' },
      reasons: [{ code: 'ORDER.UNKNOWN_UOM' }],
    });
  });

  it('a PO the email intake flagged itself (already answered) gets no second reply; other channels get none', async () => {
    const replies = new KeptReplies();
    const useCase = new ReplyToOrderEventsUseCase(replies, new NoContacts());
    expect(
      await useCase.prepareNeedsReview(flagged({ channelData: { from: 'buyer@acme.example', [FLAGGED_BY]: FLAGGED_BY_EMAIL_INTAKE } })),
    ).toBeNull();
    expect(await useCase.prepareNeedsReview(flagged({ channel: 'edi' }))).toBeNull();
    expect(replies.kept.size).toBe(0);
  });
});
