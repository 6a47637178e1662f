// What a component of the window does when AppState changes: it names the kinds of change it shows, and is
// re-rendered for those (or runs its own handler). Listening starts when it is connected and stops when it is
// removed, so a closed dialog or panel leaves no listener behind.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppState, ChangeKind } from '../state/app-state';

type Host = ReactiveControllerHost & { app: AppState };

export class AppChanges implements ReactiveController {
  private listening: AppState | null = null;
  private readonly listener = (e: Event) => {
    const kind = (e as CustomEvent<ChangeKind>).detail;
    if (this.kinds !== 'all' && !this.kinds.includes(kind)) return;
    if (this.handler) this.handler(kind);
    else this.host.requestUpdate();
  };

  /** `handler`, when given, decides what to do (request an update or not); otherwise the host re-renders. */
  constructor(
    private readonly host: Host,
    private readonly kinds: readonly ChangeKind[] | 'all',
    private readonly handler?: (kind: ChangeKind) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.listening = this.host.app;
    this.listening.addEventListener('change', this.listener);
  }

  hostDisconnected(): void {
    this.listening?.removeEventListener('change', this.listener);
    this.listening = null;
  }
}
