// Where a link the page tries to open may go. The window itself never navigates and opens no other window:
// https links go to the user's browser, magnets come back to this app as an open request, anything else
// (file:, javascript:, custom schemes that start other programs) is dropped.
export type LinkAction = { kind: 'browser'; url: string } | { kind: 'magnet'; url: string } | { kind: 'deny' };

export function linkAction(url: string): LinkAction {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'deny' };
  }
  if (parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '') {
    return { kind: 'browser', url: parsed.href };
  }
  if (parsed.protocol === 'magnet:' && /^magnet:\?/i.test(url)) return { kind: 'magnet', url };
  return { kind: 'deny' };
}
