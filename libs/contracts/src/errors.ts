/**
 * Every failure a user can see has a stable dotted code. Transport adapters map the code's prefix to an HTTP
 * status or a bus decision; nothing else in the code base inspects messages.
 */
export class HubError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that cannot be understood at all (400/422); never worth a retry. */
export class InvalidInputError extends HubError {}
export class NotFoundError extends HubError {}
export class ConflictError extends HubError {}
export class UnauthorizedError extends HubError {}
export class ForbiddenError extends HubError {}
export class PayloadTooLargeError extends HubError {}
/** A dependency is down; the bus retries these with backoff. */
export class TransientError extends HubError {}
