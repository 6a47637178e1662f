// Holds what the OS asked the app to open until the renderer listens for it (the first launch's arguments arrive
// before the page has loaded), then passes each new request straight on. A reload of the page starts over.
import { isEmptyOpenRequest } from './launch-args';
import type { OpenRequest } from './renderer-contract';

export class OpenRequestInbox {
  private queued: OpenRequest[] = [];
  private listening = false;

  constructor(private readonly deliver: (request: OpenRequest) => void) {}

  add(request: OpenRequest): void {
    if (isEmptyOpenRequest(request)) return;
    if (this.listening) this.deliver(request);
    else this.queued.push(request);
  }

  /** The renderer listens from now on: it gets what waited, and later requests as they come. */
  take(): OpenRequest[] {
    this.listening = true;
    const waiting = this.queued;
    this.queued = [];
    return waiting;
  }

  /** The page is (re)loading: nobody listens until it asks again. */
  rendererGone(): void {
    this.listening = false;
  }
}
