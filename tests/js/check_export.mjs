// Load one of extractor's consent-tool exports in the real library, inside a DOM (jsdom), and print what the
// library made of it as JSON: {"accepted": true, "services"|"categories": ..., "shown": [...texts on screen]}.
// usage: node check_export.mjs klaro|cookieconsent CONFIG.json
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JSDOM } from "jsdom";

const require = createRequire(import.meta.url);
const [format, configPath] = process.argv.slice(2);
const raw = JSON.parse(readFileSync(configPath, "utf8"));

// Names written "^...$" are regular expressions. Klaro reads such strings itself; cookieconsent takes RegExp
// objects, made in the page's own realm so that its instanceof checks hold.
const toPattern = (window, name) =>
  typeof name === "string" && name.startsWith("^") ? new window.RegExp(name) : name;
const show = (window, name) => (name instanceof window.RegExp ? name.source.replaceAll("\\/", "/") : String(name));

function page() {
  const dom = new JSDOM("<!DOCTYPE html><html><head></head><body></body></html>", {
    runScripts: "outside-only",
    pretendToBeVisual: true,
    url: "https://site.example/",
  });
  return dom.window;
}

async function klaro() {
  const window = page();
  const config = structuredClone(raw);
  window.klaroConfig = config;
  window.eval(readFileSync(require.resolve("klaro/dist/klaro-no-css.js"), "utf8"));
  const manager = window.klaro.getManager(config);
  window.klaro.show(config, true);
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    accepted: true,
    services: manager.config.services.map((s) => ({
      name: s.name,
      title: s.title,
      purposes: s.purposes,
      required: Boolean(s.required),
      cookies: s.cookies.map((c) => show(window, c)),
    })),
    shown: window.document.body.textContent,
  };
}

async function cookieconsent() {
  const window = page();
  const config = structuredClone(raw);
  for (const category of Object.values(config.categories)) {
    category.autoClear.cookies = category.autoClear.cookies.map((c) => ({ ...c, name: toPattern(window, c.name) }));
  }
  window.eval(readFileSync(require.resolve("vanilla-cookieconsent/dist/cookieconsent.umd.js"), "utf8"));
  await window.CookieConsent.run(config);
  window.CookieConsent.showPreferences();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const categories = window.CookieConsent.getConfig("categories");
  return {
    accepted: true,
    categories: Object.fromEntries(
      Object.entries(categories).map(([name, c]) => [
        name,
        { readOnly: Boolean(c.readOnly), autoClear: c.autoClear.cookies.map((k) => show(window, k.name)) },
      ]),
    ),
    shown: window.document.body.textContent,
  };
}

const checks = { klaro, cookieconsent };
try {
  console.log(JSON.stringify(await checks[format]()));
} catch (error) {
  console.log(JSON.stringify({ accepted: false, error: String(error && error.stack ? error.stack : error) }));
  process.exitCode = 1;
}
