/** The note encryption key every test bot uses, so a test can read what the bot stored. */
export const TEST_NOTE_KEY = Buffer.alloc(32, 42);
