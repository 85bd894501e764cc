/**
 * The Edge Function answered with an error status (500: it threw; 404: it is not deployed). The
 * request may have written part of what it meant to: the plan's writes are separate requests.
 */
export class EdgeFunctionError extends Error {
  override readonly name = 'EdgeFunctionError';
  constructor(
    readonly status: number,
    readonly op: string,
    readonly key: string,
    readonly answer: string,
  ) {
    super(`${op} (key ${JSON.stringify(key)}): the Edge Function dual-write-habit answered ${status}: ${answer}`);
  }
}
