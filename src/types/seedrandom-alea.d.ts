// seedrandom ships its algorithms as separate CommonJS files; importing one of them directly keeps
// the browser bundle free of seedrandom's optional Node `crypto` require.
declare module 'seedrandom/lib/alea.js' {
  interface AleaPrng {
    (): number;
    double(): number;
    int32(): number;
    quick(): number;
    state(): object;
  }
  function alea(seed?: string, options?: { state?: boolean | object }): AleaPrng;
  export default alea;
}
