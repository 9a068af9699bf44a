// GET /media/challenges/<id>.png: a challenge's picture from the picture cache, cacheable for a day.
import { Router } from 'express';
import type { PictureCache } from './pictures.ts';

/** Only a plain id and ".png": anything else (dots, slashes, encoded tricks) is simply not found. */
const FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.png$/;

export function mediaRouter(pictures: PictureCache): Router {
  const router = Router();
  router.get('/media/challenges/:file', (req, res) => {
    const id = FILE.exec(req.params.file)?.[1];
    const picture = id === undefined ? undefined : pictures.get(id);
    if (!picture) {
      res.status(404).type('text/plain').send('No such picture.');
      return;
    }
    res.set({ 'Cache-Control': 'public, max-age=86400', ETag: picture.etag });
    if (req.headers['if-none-match'] === picture.etag) {
      res.status(304).end();
      return;
    }
    res.type('image/png').send(picture.png);
  });
  return router;
}
