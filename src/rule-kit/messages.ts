/**
 * Phrases that more than one rule message says, each in one wording. A rule builds its messages from them
 * (`${PIPE}`), so the same fact reads the same in every report. PIPE and MAYBE_PIPE_STRING are the engine's, which its evidence phrases use too.
 */
import { MAYBE_PIPE_STRING, PIPE } from '../engine/index.ts';

export { MAYBE_PIPE_STRING, PIPE };

/** What a Deno address asserted to `Deno.NetAddr` may really be. */
export const DENO_UNIX_ADDR =
  'is asserted to `Deno.NetAddr`, but it is a `Deno.UnixAddr` (a `path`, no `hostname` or `port`)';

/** The check that tells Deno's TCP addresses from Unix ones. */
export const DENO_TCP_CHECK = "Check `{{subject}}.transport === 'tcp'` first.";

/** When Bun leaves a server's address empty. */
export const BUN_UNIX = 'when the server listens on a Unix domain socket (`Bun.serve({ unix })`)';

/** The capability guard a rule offers for a call. */
export const GUARD_CALL = 'Guard the call with `{{guard}}`.';

/** How code tells a TCP socket from a pipe. */
export const TCP_CHECK = '`{{subject}}.remoteFamily` is set only on a connected TCP socket';

/** What a capability guard does on a pipe: nothing, it only accepts the call. */
export const GUARD_ONLY_ACCEPTS =
  '(`{{guard}}` is true on a pipe too: it changes nothing there, it only marks the call as accepted.)';
