// The shipment form as the server reads it: one `units-<kit id>` field per kit (empty is 0), the
// carrier from its list, the tracking number checked against it; every fault on its own field.
import { describe, expect, test } from "vitest";
import { shipmentSchema } from "~/orders/maker-schemas";

const form = (fields: Record<string, string | string[]>) =>
  shipmentSchema.safeParse({ carrier: "dpd", trackingNumber: "2501 2345 6789 01", ...fields });
const errors = (fields: Record<string, string | string[]>) => {
  const parsed = form(fields);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("the shipment form", () => {
  test("gives the carrier, the number as typed and a line per kit field, empty counting as 0", () => {
    expect(form({ "units-12": "3", "units-13": "", "units-14": " 0 " }).data).toEqual({
      carrier: "dpd",
      trackingNumber: "2501 2345 6789 01",
      lines: [
        { kitId: 12, quantity: 3 },
        { kitId: 13, quantity: 0 },
        { kitId: 14, quantity: 0 },
      ],
    });
  });

  test("fields that are not a kit's are ignored, prototype names included", () => {
    const parsed = form({ "units-12": "1", "units-__proto__": "5", constructor: "x", "units-0": "2", "units-99999999999999999999": "4" });
    expect(parsed.data?.lines).toEqual([{ kitId: 12, quantity: 1 }]);
  });

  test.each(["-1", "1.5", "1e2", "12345", "trois", "0x1"])("%j units are refused on the kit's field", (units) => {
    expect(errors({ "units-12": units })).toEqual({ "units-12": "Indiquez un nombre entier d'unités, 0 ou plus, par exemple 3." });
  });

  test("a kit's field sent twice, no unit at all, an unknown carrier or a number of another carrier: each on its field", () => {
    expect(errors({ "units-12": ["1", "1"] })).toEqual({ "units-12": "Indiquez un nombre entier d'unités, 0 ou plus, par exemple 3." });
    expect(errors({ "units-12": "0" })).toEqual({ lines: "Indiquez au moins une unité expédiée." });
    expect(errors({ "units-12": "1", carrier: "__proto__" })).toEqual({ carrier: "Choisissez le transporteur dans la liste." });
    expect(Object.keys(errors({ "units-12": "1", trackingNumber: "1Z999AA10123456784" }))).toEqual(["trackingNumber"]);
  });
});
