// Process entry: Node's compile cache is turned on before any of the bot's modules load, so each start after the
// first reuses their compiled code from disk (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
import { enableCompileCache, flushCompileCache } from 'node:module';

enableCompileCache?.();
const { main } = await import('./start.ts');
await main();
// Written once listening rather than only at a clean exit: a killed process leaves it for the next start too.
flushCompileCache?.();
