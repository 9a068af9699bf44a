// The bot's most frequent request skips express: a POST to one of the `direct` paths goes straight to its handler,
// without express's per-request set-up and the walk through every mounted router (about 2.5% of a Slack click's
// CPU). Everything else, and any other spelling of those paths, is the express app's.
import type { RequestListener } from 'node:http';

export function withDirectPosts(app: RequestListener, direct: ReadonlyMap<string, RequestListener>): RequestListener {
  if (direct.size === 0) return app;
  return (req, res) => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const handler = req.method === 'POST' ? direct.get(query === -1 ? url : url.slice(0, query)) : undefined;
    (handler ?? app)(req, res);
  };
}
