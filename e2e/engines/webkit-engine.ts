// WebKit (WebKitGTK, Safari's engine) through W3C WebDriver: Debian's WebKitWebDriver starting its
// MiniBrowser, on an Xvfb display of its own, spoken to with the `webdriver` client (given a host and
// port, it downloads nothing). WebDriver classic has no init scripts, network events or page-error
// events: journeys put what they need in the page's HTML and read delivery from the API emulator.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type WebDriver from 'webdriver';
import { type Engine, receivesClick, shadowHops, type Tab, type Visitor, waitUntil } from './engine';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

type Client = Awaited<ReturnType<typeof WebDriver.newSession>>;
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** WebDriver's key codes: Control, and the null key that releases it. */
const CONTROL = '\uE009';
const RELEASE = '\uE000';

/** Starts an X server on the first free display; resolves with its `:N` once it accepts clients. */
function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
    xvfb.stdio[3]?.once('data', (data) => resolve({ display: `:${String(data).trim()}`, process: xvfb }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startDriver(display: string): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  await waitUntil('WebKitWebDriver to listen', () =>
    fetch(`http://127.0.0.1:${port}/status`).then(
      (response) => response.ok,
      () => false,
    ),
  );
  return { port, process: driver };
}

/** Runs in the page: the element a (shadow-hopping) selector names, or null. */
const FIND = `var hops = arguments[0], node = document;
for (var i = 0; node && i < hops.length; i++) node = (i ? node.shadowRoot : node) && (i ? node.shadowRoot : node).querySelector(hops[i]);
return node || null;`;

/**
 * Wraps a page function so that WebDriver's async script hands back its awaited value (as JSON text,
 * written with a page's Prototype.js-style `Array.prototype.toJSON` set aside) or its error.
 */
const asyncScript = (fn: string) => `var args = arguments, done = args[args.length - 1];
function json(value) {
  var own = Object.getOwnPropertyDescriptor(Array.prototype, 'toJSON');
  if (own) delete Array.prototype.toJSON;
  try { return JSON.stringify(value === undefined ? null : value); } finally { if (own) Object.defineProperty(Array.prototype, 'toJSON', own); }
}
Promise.resolve().then(function () { return (${fn})(args[0]); }).then(
  function (value) { done({ ok: true, json: json(value) }); },
  function (error) { done({ ok: false, error: String((error && error.stack) || error) }); });`;

/**
 * One WebDriver session is one visitor. Its commands go to "the current window", so every command
 * runs in turn, switching first to the window it is for.
 */
function visitorOf(client: Client): Visitor {
  let queue: Promise<unknown> = Promise.resolve();
  let current: string | undefined;
  let initialFree = true;

  /** Runs `command` after every command sent before it. */
  const inTurn = <T>(command: () => Promise<T>): Promise<T> => {
    const run = queue.then(command);
    queue = run.catch(() => {});
    return run;
  };
  const inWindow = <T>(handle: string, command: () => Promise<T>): Promise<T> =>
    inTurn(async () => {
      if (current !== handle) {
        await client.switchToWindow(handle);
        current = handle;
      }
      try {
        return await command();
      } catch (error) {
        current = undefined; // the window may be gone: switch again next time
        throw error;
      }
    });

  /**
   * WebKitWebDriver's Element Click hit-tests an element inside a shadow root against its host, and so
   * refuses it as "intercepted" (the page's own hit test, `receivesClick`, has already passed): such a
   * click goes through the pointer actions instead, which the browser turns into the same trusted events.
   */
  const clickElement = (id: string) =>
    client.elementClick(id).catch(async (error) => {
      if (!/click intercepted/i.test(String(error))) throw error;
      await pointerClicks(id, 1);
    });

  /** `count` clicks of the mouse at the element's centre, in quick succession (2: a double click). */
  const pointerClicks = async (id: string, count: number) => {
    const press = [
      { type: 'pointerDown', button: 0 },
      { type: 'pointerUp', button: 0 },
    ] as const;
    await client.performActions([
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [{ type: 'pointerMove', origin: { [ELEMENT]: id }, x: 0, y: 0 }, ...Array.from({ length: count }, () => press).flat()],
      },
    ]);
    await client.releaseActions();
  };

  /**
   * Keys typed into the focused element (Element Send Keys misses an input inside a shadow root here).
   * A modifier stays down until RELEASE, as in Element Send Keys.
   */
  const typeKeys = async (keys: string[]) => {
    const actions: { type: 'keyDown' | 'keyUp'; value: string }[] = [];
    const held: string[] = [];
    for (const key of keys) {
      if (key === RELEASE) for (const down of held.splice(0)) actions.push({ type: 'keyUp', value: down });
      else if (key === CONTROL) {
        held.push(key);
        actions.push({ type: 'keyDown', value: key });
      } else actions.push({ type: 'keyDown', value: key }, { type: 'keyUp', value: key });
    }
    await client.performActions([{ type: 'key', id: 'keyboard', actions }]);
    await client.releaseActions();
  };

  /** The element's WebDriver id, once it is there and nothing covers it. */
  const find = async (handle: string, selector: string): Promise<string> => {
    const hops = shadowHops(selector);
    let id: string | undefined;
    await waitUntil(`${selector} to receive a click`, async () => {
      const element = (await inWindow(handle, () => client.executeScript(FIND, [hops]))) as Record<string, string> | null;
      id = element?.[ELEMENT];
      return (
        id !== undefined && (await inWindow(handle, () => client.executeScript(`return (${receivesClick})(arguments[0])`, [hops]))) === true
      );
    });
    return id as string;
  };

  const tabOf = (handle: string): Tab => {
    const tab: Tab = {
      goto: (url) => inWindow(handle, () => client.navigateTo(url)).then(() => {}),
      reload: () => inWindow(handle, () => client.refresh()).then(() => {}),
      url: () => inWindow(handle, () => client.getUrl()),
      async evaluate(fn, arg) {
        const answer = (await inWindow(handle, () => client.executeAsyncScript(asyncScript(String(fn)), [arg ?? null]))) as
          | { ok: true; json: string }
          | { ok: false; error: string };
        if (!answer.ok) throw new Error(`in the page: ${answer.error}`);
        return JSON.parse(answer.json);
      },
      async click(selector) {
        const id = await find(handle, selector);
        await inWindow(handle, () => clickElement(id)).catch((error) => {
          // A click whose handler closes its own window ends the window before WebDriver answers.
          if (!/no such window|window was closed/i.test(String(error))) throw error;
        });
      },
      async dblclick(selector) {
        const id = await find(handle, selector);
        await inWindow(handle, () => pointerClicks(id, 2));
      },
      async fill(selector, text) {
        const id = await find(handle, selector);
        await inWindow(handle, async () => {
          await clickElement(id);
          await typeKeys([CONTROL, 'a', RELEASE, ...text]);
          await client.executeScript('arguments[0].blur()', [{ [ELEMENT]: id }]);
        });
      },
      async popup(action) {
        const before = new Set(await inWindow(handle, () => client.getWindowHandles()));
        await action();
        let opened: string | undefined;
        await waitUntil('a popup window', async () => {
          opened = (await inWindow(handle, () => client.getWindowHandles())).find((h) => !before.has(h));
          return opened !== undefined;
        });
        return tabOf(opened as string);
      },
      closed: () => waitUntil('the window to close', async () => !(await inTurn(() => client.getWindowHandles())).includes(handle)),
      async screenshot(path) {
        const png = await inWindow(handle, () => client.takeScreenshot());
        await writeFile(path, Buffer.from(png, 'base64'));
      },
      close: () => inWindow(handle, () => client.closeWindow()).then(() => {}),
    };
    return tab;
  };

  return {
    async newTab(url) {
      let handle: string;
      if (initialFree) {
        initialFree = false;
        handle = await client.getWindowHandle();
      } else {
        handle = (await inTurn(() => client.createWindow('tab'))).handle;
      }
      const tab = tabOf(handle);
      if (url) await tab.goto(url);
      return tab;
    },
    setOffline: () => Promise.reject(new Error('WebDriver classic has no offline switch')),
    close: () => client.deleteSession().catch(() => {}),
  };
}

export async function launchWebKit(): Promise<Engine> {
  // The client logs at info level unless told otherwise before it loads.
  process.env.WDIO_LOG_LEVEL ??= 'silent';
  const { default: WebDriverClient } = await import('webdriver');
  const xvfb = await startXvfb();
  const driver = await startDriver(xvfb.display).catch((error) => {
    xvfb.process.kill();
    throw error;
  });
  const sessions = new Set<Client>();
  const newSession = async () => {
    const client = await WebDriverClient.newSession({
      hostname: '127.0.0.1',
      port: driver.port,
      logLevel: 'silent',
      // Now and then, under load, WebKitWebDriver drops the connection of a session request (UND_ERR_SOCKET,
      // seen twice in some 400 sessions): ask once more rather than fail the journey at its setup.
      connectionRetryCount: 1,
      connectionRetryTimeout: 25_000,
      capabilities: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } as WebdriverIO.Capabilities,
    });
    await client.setTimeouts(undefined, 30_000, 60_000);
    sessions.add(client);
    return client;
  };
  // The version is the session's; the first one is kept for the rest.
  const probe = await newSession();
  const caps = probe.capabilities as { browserVersion?: string };
  await probe.deleteSession();
  sessions.delete(probe);
  return {
    name: 'webkit',
    version: `WebKitGTK ${caps.browserVersion ?? '?'}`,
    canGoOffline: false,
    async newVisitor() {
      const client = await newSession();
      const visitor = visitorOf(client);
      return {
        ...visitor,
        close: async () => {
          sessions.delete(client);
          await visitor.close();
        },
      };
    },
    async close() {
      await Promise.all([...sessions].map((client) => client.deleteSession().catch(() => {})));
      driver.process.kill();
      xvfb.process.kill();
    },
  };
}
