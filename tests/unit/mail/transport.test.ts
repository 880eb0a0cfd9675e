import { describe, expect, test } from "vitest";
import { smtpTransport } from "~/mail/send.server";

describe("the SMTP transport", () => {
  test("reads host, port, TLS and percent-encoded credentials from SMTP_URL and keeps its timeouts", () => {
    const transport = smtpTransport("smtps://envoi%40kits.example.fr:p%40ss%3Aw%C3%B6rd@smtp.example.fr:2465");
    const options = (transport as unknown as { transporter: { options: Record<string, unknown> } }).transporter.options;
    expect(options).toMatchObject({
      secure: true,
      host: "smtp.example.fr",
      port: 2465,
      auth: { user: "envoi@kits.example.fr", pass: "p@ss:wörd" },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  });

  test("plain smtp:// is not TLS from the first byte (STARTTLS is negotiated when offered)", () => {
    const options = (smtpTransport("smtp://localhost:2525") as unknown as { transporter: { options: Record<string, unknown> } }).transporter.options;
    expect(options).toMatchObject({ secure: false, host: "localhost", port: 2525, connectionTimeout: 10_000 });
  });
});
