// What "the process never crashed and nothing was polluted" means for an in-process server: no uncaught exception or
// unhandled rejection while watching, and the built-in prototypes exactly as they were.
export interface ProcessWatch {
  uncaught: string[];
  /** Properties added, removed or replaced on Object/Array/Function/String.prototype since the watch began. */
  prototypeChanges(): string[];
  stop(): void;
}

const PROTOTYPES: Array<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

function snapshot(): Map<string, unknown> {
  const seen = new Map<string, unknown>();
  for (const [name, proto] of PROTOTYPES) {
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      seen.set(`${name}.${String(key)}`, descriptor?.value ?? descriptor?.get);
    }
    seen.set(`${name} [[Prototype]]`, Object.getPrototypeOf(proto));
  }
  return seen;
}

export function watchProcess(): ProcessWatch {
  const before = snapshot();
  const uncaught: string[] = [];
  const onUncaught = (err: unknown) => uncaught.push(`uncaughtException: ${err instanceof Error ? err.stack : String(err)}`);
  const onRejection = (reason: unknown) => uncaught.push(`unhandledRejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);
  return {
    uncaught,
    prototypeChanges() {
      const after = snapshot();
      const changes: string[] = [];
      for (const [key, value] of after) if (!before.has(key) || before.get(key) !== value) changes.push(key);
      for (const key of before.keys()) if (!after.has(key)) changes.push(`${key} (removed)`);
      return changes;
    },
    stop() {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onRejection);
    },
  };
}
