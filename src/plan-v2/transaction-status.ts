import type pg from 'pg';

/** 'I' idle, 'T' in a transaction, 'E' in a failed transaction (node-postgres's ReadyForQuery status). */
export function transactionStatus(db: pg.ClientBase): string {
  return (db as { getTransactionStatus?: () => string | null }).getTransactionStatus?.() ?? 'I';
}
