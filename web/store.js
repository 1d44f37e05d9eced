// IndexedDB for the training worker's autosave (see session/workspace.go). Two object stores
// keyed by workspace id: "meta" holds the small descriptions the list shows, "data" the text,
// settings, samples and model file, so that listing never reads the models. Every call returns a
// promise; a failed transaction rejects with its DOMException (QuotaExceededError when full).
"use strict";
globalThis.fabulistStore = (() => {
  let opened = null;
  const db = () =>
    (opened ??= new Promise((resolve, reject) => {
      if (!self.indexedDB) {
        reject(new DOMException("no IndexedDB", "UnavailableError"));
        return;
      }
      const req = indexedDB.open("fabulist", 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore("meta");
        req.result.createObjectStore("data");
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new DOMException("another tab holds an older database", "UnavailableError"));
    }).catch((err) => {
      opened = null; // try again next time
      throw err;
    }));
  const run = async (mode, fn) => {
    const d = await db();
    return new Promise((resolve, reject) => {
      let out;
      const tx = d.transaction(["meta", "data"], mode);
      fn(tx, (v) => (out = v));
      tx.oncomplete = () => resolve(out);
      tx.onabort = () => reject(tx.error || new DOMException("the save was cancelled", "AbortError"));
    });
  };
  const read = (name, method, arg) =>
    run("readonly", (tx, set) => {
      const r = tx.objectStore(name)[method](arg);
      r.onsuccess = () => set(r.result);
    });
  let persisted = false;
  return {
    put(id, meta, data, model) {
      if (!persisted && navigator.storage && navigator.storage.persist) {
        persisted = true; // ask once that the browser not evict saved work under pressure
        navigator.storage.persist().catch(() => {});
      }
      return run("readwrite", (tx) => {
        tx.objectStore("meta").put(meta, id);
        tx.objectStore("data").put({ data, model }, id);
      });
    },
    get: (id) =>
      run("readonly", (tx, set) => {
        const meta = tx.objectStore("meta").get(id);
        const data = tx.objectStore("data").get(id);
        data.onsuccess = () => set(data.result && meta.result ? { meta: meta.result, ...data.result } : null);
      }),
    list: () => read("meta", "getAll"),
    del: (id) =>
      run("readwrite", (tx) => {
        tx.objectStore("meta").delete(id);
        tx.objectStore("data").delete(id);
      }),
    estimate: () =>
      navigator.storage && navigator.storage.estimate ? navigator.storage.estimate().catch(() => ({})) : Promise.resolve({}),
  };
})();
