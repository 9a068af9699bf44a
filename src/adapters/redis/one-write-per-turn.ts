// Commands issued in one turn of the event loop leave the process in one socket write. Each write is a syscall, and on
// a virtual machine's loopback one costs 50-100 us, more than the Redis command it carries; a click issues its reads
// together and a busy bot issues many clicks' commands per turn. Unlike ioredis' auto-pipelining, every command stays
// an ordinary command (its own commandTimeout, its own failure): only the bytes are held until the turn ends.
import type { Socket } from 'node:net';
import type { Cluster, Redis } from 'ioredis';

const COALESCING = Symbol('one write per turn');

type CoalescingSocket = Socket & { [COALESCING]?: true };

function coalesce(socket: CoalescingSocket): void {
  if (socket[COALESCING]) return;
  socket[COALESCING] = true;
  const write = socket.write;
  let corked = false;
  // The check phase runs right after the poll phase that ran this turn's callbacks, so nothing waits a turn longer.
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = function writeCoalesced(this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    return write.apply(this, args);
  } as Socket['write'];
}

/** Coalesces the writes of this connection, and of each connection it makes again after a drop. */
export function oneWritePerTurn(client: Redis): void {
  const onConnect = () => {
    const socket = (client as unknown as { stream?: CoalescingSocket }).stream;
    if (socket) coalesce(socket);
  };
  client.on('connect', onConnect);
}

/** The same for every node connection a cluster client opens. */
export function oneWritePerTurnOnEachNode(cluster: Cluster): void {
  cluster.on('+node', (node: Redis) => oneWritePerTurn(node));
}
