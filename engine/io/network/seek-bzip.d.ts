// Types for the one function of seek-bzip (MIT, no bundled types) that the OSM importer uses.
declare module 'seek-bzip' {
  const Bunzip: {
    /** Decompress a whole bzip2 buffer. */
    decode(input: Uint8Array, output?: undefined, multistream?: boolean): Buffer;
  };
  export default Bunzip;
}
