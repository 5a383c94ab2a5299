/** The built-in demo data set (public/samples/, with its README). */
export const SAMPLE = {
  // Relative to the page, so the app works from any sub-path of a static host.
  url: `${import.meta.env.BASE_URL}samples/online-retail-2011-jan-feb.csv`,
  fileName: 'online-retail-2011-jan-feb.csv',
} as const;
