/**
 * The longest chat message, counted after trimming: the same limit in the
 * browser and on the server. Its own module so the browser bundle does not
 * pull in zod with the schemas (about 30 KB gzipped).
 */
export const MAX_CHAT_LENGTH = 2000;
