// A one-module rollup plugin: bundles `code` given as a string, as an app importing the SDK would.
export default function virtual(modules) {
  return {
    name: 'virtual',
    resolveId: (id) => (id in modules ? id : null),
    load: (id) => (id in modules ? modules[id] : null),
  };
}
