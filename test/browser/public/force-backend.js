// Classic script, run before any module: ?backend=NAME forces the backend optima starts with
// (src/runtime/runtime.ts reads globalThis.OPTIMA_BACKEND when it instantiates).
const wanted = new URLSearchParams(location.search).get('backend');
if (wanted) globalThis.OPTIMA_BACKEND = wanted;
