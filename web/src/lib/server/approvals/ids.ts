// Short ids people type (`orc approve 3f9a1c2b7e`): 40 random bits, unique enough for a
// primary key that fails loudly on the rare clash.
import { randomBytes } from 'node:crypto';

export const newShortId = (): string => randomBytes(5).toString('hex');

export const SHORT_ID = /^[0-9a-f]{10}$/;
