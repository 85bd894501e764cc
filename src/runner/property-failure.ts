/** Thrown by a property's check when the system under test is wrong; `details` go into the report. */
export class PropertyFailure extends Error {
  readonly details: unknown;
  constructor(message: string, details?: unknown) {
    super(message);
    this.name = 'PropertyFailure';
    this.details = details;
  }
}

/** Fails with `message` and `details` unless `ok`. */
export function expectThat(ok: boolean, message: string, details?: unknown): void {
  if (!ok) throw new PropertyFailure(message, details);
}
