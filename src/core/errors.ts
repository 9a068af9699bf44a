// Coded errors: callers branch on `code`, never on message text.
export enum ErrorCode {
  Validation = 'validation',
  NotEnrolled = 'not_enrolled',
  NotFound = 'not_found',
  StoreUnavailable = 'store_unavailable',
  Conflict = 'conflict',
}

export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

/** A setting or command argument the user got wrong; the message is safe to show them. */
export class ValidationError extends CoreError {
  constructor(message: string) {
    super(ErrorCode.Validation, message);
    this.name = 'ValidationError';
  }
}

export class NotEnrolledError extends CoreError {
  constructor() {
    super(ErrorCode.NotEnrolled, 'You have not started breaks yet. Say "start" to begin.');
    this.name = 'NotEnrolledError';
  }
}

export class NotFoundError extends CoreError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} was not found.`);
    this.name = 'NotFoundError';
  }
}

/** The store did not answer: the user should try again in a moment; nothing was half-written. */
export class StoreUnavailableError extends CoreError {
  constructor() {
    super(ErrorCode.StoreUnavailable, 'The bot cannot reach its storage right now. Please try again in a moment.');
    this.name = 'StoreUnavailableError';
  }
}

/** The record kept changing under a read-modify-write (other writers at the same moment): nothing was written. */
export class ConflictError extends CoreError {
  constructor() {
    super(ErrorCode.Conflict, 'Something else changed your settings at the same moment, so this change was not saved. Please try again.');
    this.name = 'ConflictError';
  }
}

export function isCoreError(err: unknown): err is CoreError {
  return err instanceof CoreError;
}

/** A scheduled send that never went on the wire: its slot is held by someone else, or it was handed back on shutdown. */
export class SendWithheldError extends Error {
  constructor(readonly reason: 'held-elsewhere' | 'handed-back') {
    super(`send withheld: ${reason}`);
    this.name = 'SendWithheldError';
  }
}
