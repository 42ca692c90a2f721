/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Build output stays out of the fixed top level: the server bundle in a dotfolder, assets under public/build.
  serverBuildPath: '.build/server/index.js',
  assetsBuildDirectory: 'public/build',
  publicPath: '/build/',
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  // Locale JSON is imported by app/i18n; esbuild bundles it.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
}
