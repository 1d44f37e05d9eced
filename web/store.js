// IndexedDB for the training worker's autosave (see studio/session/workspace.go). Two object stores
// keyed by workspace id: "meta" holds the small descriptions the list shows, "data" the text,
// settings, samples and model file, so that listing reads no model. Every call returns a
// promise; a failed transaction rejects with its DOMException (QuotaExceededError when full).
//
// What is read back is untrusted (another version, another tab, an extension, a failing disk may
// have written it): get and index check every value's type before it reaches Go, and hand Go
// only strings and Uint8Arrays (a model stored as a Blob is read into one). A value of the wrong type is left out and named in metaFault or
// dataFault ("the model is not bytes but a string"), with its size in metaFaultBytes or
// dataFaultBytes; studio/session/stored.go checks the content.
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
  // what names a value's type for a reason: "a string", "an ArrayBuffer".
  const what = (v) => {
    if (v === null) return "null";
    let t = typeof v;
    if (t === "object") t = (v.constructor && v.constructor.name) || "object";
    return (/^[aeiouAEIOU]/.test(t) ? "an " : "a ") + t;
  };
  // sizeOf is the bytes a value of the wrong type takes, roughly.
  const sizeOf = (v) => {
    try {
      if (typeof v === "string") return new TextEncoder().encode(v).length;
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return v.byteLength;
      if (v instanceof Blob) return v.size;
      if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return 8;
      if (v === null || v === undefined) return 0;
      return new TextEncoder().encode(JSON.stringify(v) || "").length;
    } catch {
      return 0; // a value JSON cannot write (a cycle): its size is unknown
    }
  };
  // checkMeta and checkData turn stored values into what Go reads (see the top).
  const checkMeta = (out, v) => {
    out.hasMeta = v !== undefined;
    if (!out.hasMeta) return;
    if (typeof v === "string") out.meta = v;
    else [out.metaFault, out.metaFaultBytes] = ["its description is not text but " + what(v), sizeOf(v)];
  };
  const checkData = (out, v) => {
    out.hasData = v !== undefined;
    if (!out.hasData) return;
    if (v === null || typeof v !== "object" || Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
      [out.dataFault, out.dataFaultBytes] = ["its data is not a record but " + what(v), sizeOf(v)];
      return;
    }
    const { data, model } = v;
    if (typeof data !== "string") {
      [out.dataFault, out.dataFaultBytes] = ["its text and settings are not text but " + what(data), sizeOf(data) + sizeOf(model)];
      return;
    }
    out.data = data;
    if (model === null || model === undefined) return;
    if (model instanceof Uint8Array || model instanceof Blob) out.model = model; // a Blob: this page's (put), read by get
    else [out.dataFault, out.dataFaultBytes] = ["the model is not bytes but " + what(model), sizeOf(model)];
  };
  // The question model saved last lives in "data" under qaKey, as {meta, model}. Keys of this
  // prefix are not workspaces, so index leaves them out. (A store of its own would need a new
  // database version, which an open tab of an older page would block.)
  const qaKey = "qa:current";
  const isWorkspace = (k) => typeof k === "string" && !k.startsWith("qa:");
  let persisted = false;
  return {
    // put stores a workspace's description and data; model is its file as a Blob (which
    // IndexedDB keeps by reference: a Uint8Array it would clone in the renderer first), or null.
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
    // get reads both records of a workspace, whichever exist: {hasMeta, meta, hasData, data,
    // model, …Fault, …FaultBytes}, or null when neither does. A model stored as a Blob (as put
    // stores it; pages before it stored a Uint8Array) is read into a Uint8Array.
    get: async (id) => {
      const out = await run("readonly", (tx, set) => {
        const meta = tx.objectStore("meta").get(id);
        const data = tx.objectStore("data").get(id);
        data.onsuccess = () => {
          const out = {};
          checkMeta(out, meta.result);
          checkData(out, data.result);
          set(out.hasMeta || out.hasData ? out : null);
        };
      });
      if (out && out.model instanceof Blob) {
        const blob = out.model;
        try {
          out.model = new Uint8Array(await blob.arrayBuffer());
        } catch (err) {
          delete out.model; // the browser lost the file it kept the Blob in
          [out.dataFault, out.dataFaultBytes] = ["the model cannot be read (" + ((err && err.name) || err) + ")", blob.size];
        }
      }
      return out;
    },
    // index reads every description, checked like get's, and the ids that hold data:
    // {metas: [{id, hasMeta, meta, metaFault, metaFaultBytes}], data: [id]}. Keys that are not
    // strings were never written by this page and are left out.
    index: () =>
      run("readonly", (tx, set) => {
        const metas = [];
        const cursor = tx.objectStore("meta").openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          if (isWorkspace(c.key)) {
            const out = { id: c.key };
            checkMeta(out, c.value);
            metas.push(out);
          }
          c.continue();
        };
        const keys = tx.objectStore("data").getAllKeys();
        keys.onsuccess = () => set({ metas, data: keys.result.filter(isWorkspace) });
      }),
    del: (id) =>
      run("readwrite", (tx) => {
        tx.objectStore("meta").delete(id);
        tx.objectStore("data").delete(id);
      }),
    // putQA replaces the saved question model: its description (a string) and file (a Blob, as
    // put's model).
    putQA: (meta, model) => run("readwrite", (tx) => tx.objectStore("data").put({ meta, model }, qaKey)),
    // delQA removes it; none saved is no error.
    delQA: () => run("readwrite", (tx) => tx.objectStore("data").delete(qaKey)),
    // getQA reads it back as {meta, model} when both have the types putQA wrote (a model stored
    // as a Blob is read into a Uint8Array; pages before stored a Uint8Array), null when none is
    // saved, and {fault} naming what has the wrong type.
    getQA: async () => {
      const out = await run("readonly", (tx, set) => {
        const req = tx.objectStore("data").get(qaKey);
        req.onsuccess = () => {
          const v = req.result;
          if (v === undefined) set(null);
          else if (v === null || typeof v !== "object") set({ fault: "it is not a record but " + what(v) });
          else if (typeof v.meta !== "string") set({ fault: "its description is not text but " + what(v.meta) });
          else if (!(v.model instanceof Uint8Array || v.model instanceof Blob)) set({ fault: "the model is not bytes but " + what(v.model) });
          else set({ meta: v.meta, model: v.model });
        };
      });
      if (out && out.model instanceof Blob) {
        try {
          out.model = new Uint8Array(await out.model.arrayBuffer());
        } catch (err) {
          return { fault: "the model cannot be read (" + ((err && err.name) || err) + ")" };
        }
      }
      return out;
    },
    estimate: () =>
      navigator.storage && navigator.storage.estimate ? navigator.storage.estimate().catch(() => ({})) : Promise.resolve({}),
  };
})();
