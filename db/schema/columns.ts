import { timestamp } from 'drizzle-orm/pg-core';

/** Every row says when it was made. */
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
