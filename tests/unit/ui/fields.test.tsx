import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { CheckboxGroup, fieldBinder, RadioGroup, RowsSection } from "~/ui/fields";

describe("RowsSection", () => {
  const render = (errors: Record<string, string>) =>
    renderToStaticMarkup(
      <RowsSection
        name="items"
        title="Contenu du kit"
        rowLabel={(i) => `Élément ${i + 1}`}
        rows={[
          { name: "Tablette", quantity: "2" },
          { name: "", quantity: "" },
        ]}
        columns={[
          { key: "name", name: "itemName", label: "nom", md: 6 },
          { key: "quantity", name: "itemQuantity", label: "quantité", md: 6, inputMode: "numeric", hint: (i) => `ligne ${i + 1}` },
        ]}
        errors={errors}
      />,
    );

  test("each row's fields share the list's name, carry the row's value and an id by row and column", () => {
    const html = render({});
    expect(html.match(/name="itemName"/g)).toHaveLength(2);
    expect(html).toContain('id="champ-items-0-name"');
    expect(html).toContain('value="Tablette"');
    expect(html).toContain('id="champ-items-1-quantity"');
    expect(html).toContain("Élément 2 : quantité");
    expect(html).toContain("ligne 2");
    expect(html).not.toContain("aria-describedby");
  });

  test("a row's error goes to its field, the list's error to the fieldset", () => {
    const html = render({ items: "Ajoutez au moins un élément.", "items.1.quantity": "Nombre entier attendu." });
    expect(html).toMatch(/<fieldset[^>]*id="champ-items"[^>]*aria-describedby="champ-items-message"/);
    expect(html).toMatch(/id="champ-items-message">Ajoutez au moins un élément\./);
    expect(html).toMatch(/id="champ-items-1-quantity"[^>]*aria-describedby="champ-items-1-quantity-message"/);
    expect(html).toContain("Nombre entier attendu.");
  });
});

describe("fieldBinder", () => {
  test("reads a field's label, value and error by its name", () => {
    const bound = fieldBinder({ title: "Titre" }, { title: "Kit", slug: "kit" }, { title: "Trop long." });
    expect(bound("title")).toEqual({ label: "Titre", name: "title", defaultValue: "Kit", error: "Trop long." });
  });
});

describe("RadioGroup and CheckboxGroup", () => {
  test("a radio group: one name, its legend naming the fieldset, the chosen value checked, the error read with the legend", () => {
    const html = renderToStaticMarkup(
      <RadioGroup legend="Note" name="rating" options={["1", "2", "3"]} checked="2" error="Choisissez une note de 1 à 5." />,
    );
    expect(html.match(/type="radio" id="champ-rating-\d" name="rating"/g)).toHaveLength(3);
    expect(html).toContain('aria-labelledby="champ-rating-legend champ-rating-message"');
    expect(html).toMatch(/checked="" value="2"/);
    expect(html.match(/checked=""/g)).toHaveLength(1);
    expect(html).toContain('class="fr-radio-group"');
    expect(html).not.toContain('role="group"');
  });

  test("a checkbox group: the values given checked, no error without one", () => {
    const html = renderToStaticMarkup(<CheckboxGroup legend="Thèmes" name="themes" options={["A", "B"]} checked={["B"]} />);
    expect(html.match(/type="checkbox"/g)).toHaveLength(2);
    expect(html).toMatch(/checked="" value="B"/);
    expect(html).toContain('aria-labelledby="champ-themes-legend"');
    expect(html).not.toContain("fr-message--error");
  });
});
