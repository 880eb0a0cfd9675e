import { useLoaderData } from "@remix-run/react";

export function loader() {
  return { items: Array.from({ length: 100 }, (_, i) => ({ id: i + 1, title: `Élément ${i + 1}` })) };
}

export default function Items() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <ul>
      {items.map((item) => (
        <li key={item.id}>{item.title}</li>
      ))}
    </ul>
  );
}
