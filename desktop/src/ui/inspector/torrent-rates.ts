// The rate history of the torrents the inspector showed, one per app, fed by the store's changes from the first
// time a torrent is focused: the speed graph opens with the past it could see, even when the panel was closed.
import type { AppState } from '../../state/app-state';
import type { StoreChange } from '../../state/torrent-store';
import { RateHistory } from './rate-history';

const histories = new WeakMap<AppState, RateHistory>();

export function ratesOf(app: AppState): RateHistory {
  let h = histories.get(app);
  if (!h) {
    const history = new RateHistory();
    h = history;
    histories.set(app, history);
    app.store.addEventListener('change', (e) => {
      const change = (e as CustomEvent<StoreChange>).detail;
      const at = Date.now();
      for (const id of history.tracked()) {
        if (change.removed.has(id)) {
          history.forget(id);
          continue;
        }
        const t = app.store.get(id);
        if (t) history.add(id, { at, down: t.download_rate, up: t.upload_rate });
      }
    });
  }
  return h;
}

/** Starts (or keeps) recording `id`'s rates. */
export function trackRates(app: AppState, id: string): void {
  ratesOf(app).track(id);
}
