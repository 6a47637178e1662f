"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildTree = buildTree;
exports.checkState = checkState;
exports.visibleRows = visibleRows;
exports.withPriority = withPriority;
function buildTree(files) {
    const root = { name: '', path: '', depth: -1, index: -1, size: 0, done: 0, children: [], files: [] };
    const folders = new Map([['', root]]);
    for (const f of files) {
        const parts = f.path.split('/');
        let parent = root;
        for (let i = 0; i < parts.length - 1; i++) {
            const path = parts.slice(0, i + 1).join('/');
            let folder = folders.get(path);
            if (!folder) {
                folder = { name: parts[i], path, depth: i, index: -1, size: 0, done: 0, children: [], files: [] };
                folders.set(path, folder);
                parent.children.push(folder);
            }
            parent = folder;
        }
        parent.children.push({ name: parts[parts.length - 1], path: f.path, depth: parts.length - 1, index: f.index, size: f.size, done: f.done_bytes, children: [], files: [f.index] });
    }
    const total = (n) => {
        for (const c of n.children) {
            total(c);
            if (n.index < 0) {
                n.size += c.size;
                n.done += c.done;
                n.files.push(...c.files);
            }
        }
        // Folders first, then by name, as file managers show them.
        n.children.sort((a, b) => (a.index < 0) !== (b.index < 0) ? (a.index < 0 ? -1 : 1) : a.name.localeCompare(b.name, undefined, { numeric: true }));
    };
    total(root);
    return root;
}
function checkState(node, priorities) {
    let on = 0;
    for (const i of node.files)
        if ((priorities[i] ?? 0) > 0)
            on++;
    return on === 0 ? 'off' : on === node.files.length ? 'on' : 'mixed';
}
/** The rows to show: the tree flattened, skipping the children of collapsed folders. */
function visibleRows(root, collapsed) {
    const out = [];
    const walk = (n) => {
        for (const c of n.children) {
            out.push(c);
            if (c.index < 0 && !collapsed.has(c.path))
                walk(c);
        }
    };
    walk(root);
    return out;
}
/** Sets every file under `node` to `priority`, returning the new list. */
function withPriority(priorities, node, priority) {
    const next = [...priorities];
    for (const i of node.files)
        next[i] = priority;
    return next;
}
