"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseQuery = parseQuery;
const FIELDS = {
    category: (t) => [t.category],
    cat: (t) => [t.category],
    tag: (t) => t.tags,
    state: (t) => [t.state],
    path: (t) => [t.save_path],
    tracker: (t) => t.tracker_hosts,
    id: (t) => [t.id],
};
function parseQuery(query) {
    const terms = [];
    const re = /(-?)(?:"([^"]*)"|\/((?:[^/\\]|\\.)+)\/([i]?)|(\S+))/g;
    for (const m of query.matchAll(re)) {
        const negate = m[1] === '-';
        if (m[2] !== undefined) {
            const phrase = m[2].toLowerCase();
            if (phrase)
                terms.push({ negate, test: (t) => t.name.toLowerCase().includes(phrase) });
        }
        else if (m[3] !== undefined) {
            let regex = null;
            try {
                regex = new RegExp(m[3], 'i');
            }
            catch {
                regex = null; // an unfinished regex while typing matches as plain text
            }
            const text = m[3].toLowerCase();
            terms.push({ negate, test: (t) => (regex ? regex.test(t.name) : t.name.toLowerCase().includes(text)) });
        }
        else if (m[5] !== undefined) {
            const word = m[5];
            const colon = word.indexOf(':');
            const field = colon > 0 ? FIELDS[word.slice(0, colon).toLowerCase()] : undefined;
            if (field) {
                const value = word.slice(colon + 1).toLowerCase();
                terms.push({ negate, test: (t) => field(t).some((v) => v.toLowerCase().includes(value)) });
            }
            else {
                const w = word.toLowerCase();
                if (negate && w === '')
                    continue;
                terms.push({ negate, test: (t) => t.name.toLowerCase().includes(w) });
            }
        }
    }
    if (terms.length === 0)
        return () => true;
    return (t) => terms.every((term) => term.test(t) !== term.negate);
}
