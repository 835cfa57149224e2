// Stylesheets are bundled by esbuild (into app-<hash>.css); importing one yields nothing.
declare module '*.css';
