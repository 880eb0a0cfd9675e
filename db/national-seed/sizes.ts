// How much the national seed makes: the programme's sizes (issue 11) times a scale, so that CI can
// run the same generator on a sliver of it. Each count has a floor below which the data would stop
// covering every case (three reviews an entry, a maker in every region, every order state).

export type NationalSizes = {
  proposals: number;
  jurors: number;
  reviews: number;
  laureates: number;
  structures: number;
  makers: number;
  orderLines: number;
};

export const nationalSizesAtScale1: NationalSizes = {
  proposals: 5000,
  jurors: 200,
  reviews: 15_000,
  laureates: 50,
  structures: 50_000,
  makers: 300,
  orderLines: 100_000,
};

const floors: NationalSizes = { proposals: 20, jurors: 4, reviews: 60, laureates: 3, structures: 100, makers: 18, orderLines: 120 };

export function nationalSizes(scale: number): NationalSizes {
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 10)) throw new RangeError(`L'échelle doit être un nombre entre 0 et 10 (reçu : ${scale}).`);
  const sizes = {} as NationalSizes;
  for (const key of Object.keys(nationalSizesAtScale1) as (keyof NationalSizes)[]) {
    sizes[key] = Math.max(floors[key], Math.round(nationalSizesAtScale1[key] * scale));
  }
  return sizes;
}
