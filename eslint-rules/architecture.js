/**
 * The architecture of DESIGN.md §2 as one lint rule, so a layering mistake fails `npm test` with a
 * message that says which rule it breaks. Modelled on VS Code's `code-layering` rule: every import
 * (static, dynamic, re-export, require) is resolved to a project folder or a package name and checked
 * against the rules of the layer the importing file lives in.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Packages that tie code to a runtime that shared/ must not assume. */
const UI_OR_STORAGE_PACKAGES = [
  /^react$/u,
  /^react-dom(\/|$)/u,
  /^react-/u,
  /^@mantine\//u,
  /^@tabler\//u,
  /^dexie(\/|$)/u,
  /^zustand(\/|$)/u,
  /^i18next(\/|$)/u,
  /^electron(\/|$)/u,
];

/** @param {string} specifier */
function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier);
}

/**
 * Resolves an import to `{ kind: 'internal', target }` with `target` a `/`-separated path relative to
 * the project root, or `{ kind: 'package', name }` for anything from node_modules or Node itself.
 * @param {string} specifier @param {string} fromFile absolute @param {string} root absolute
 */
function resolveImport(specifier, fromFile, root) {
  if (specifier === '@shared' || specifier.startsWith('@shared/')) {
    return { kind: 'internal', target: `shared${specifier.slice('@shared'.length)}` };
  }
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const absolute = path.resolve(path.dirname(fromFile), specifier);
    return { kind: 'internal', target: path.relative(root, absolute).split(path.sep).join('/') };
  }
  return { kind: 'package', name: specifier };
}

/** @param {string} target @param {string} folder */
function isInside(target, folder) {
  return target === folder || target.startsWith(`${folder}/`);
}

/** @param {string} target path without root; strips a TypeScript/JavaScript extension */
function withoutExtension(target) {
  return target.replace(/\.(d\.ts|tsx?|jsx?|mjs|cjs|json)$/u, '');
}

/**
 * The rules. Each returns a message when `source` (the importing file, relative to root) may not
 * import `resolved`, or undefined when it may.
 * @param {string} source @param {{kind: string, target?: string, name?: string}} resolved
 */
function violation(source, resolved) {
  const { kind, target = '', name = '' } = resolved;

  if (isInside(source, 'shared')) {
    if (kind === 'internal' && !isInside(target, 'shared')) {
      return `shared/ is the pure layer: it may not import '${target}' (DESIGN.md §2).`;
    }
    if (kind === 'package' && isNodeBuiltin(name)) {
      return `shared/ is pure TypeScript: no Node built-ins such as '${name}' (DESIGN.md §2).`;
    }
    if (kind === 'package' && UI_OR_STORAGE_PACKAGES.some((re) => re.test(name))) {
      return `shared/ is pure TypeScript: no DOM, React, Dexie, Electron or UI packages such as '${name}' (DESIGN.md §2).`;
    }
  }

  if (isInside(source, 'renderer')) {
    if (kind === 'package' && (name === 'electron' || name.startsWith('electron/'))) {
      return "renderer/ never imports 'electron': it reaches the OS only through DeskApi (DESIGN.md §2).";
    }
    if (kind === 'package' && isNodeBuiltin(name)) {
      return `renderer/ never imports Node built-ins such as '${name}': it reaches the OS only through DeskApi (DESIGN.md §2).`;
    }
    if (kind === 'internal' && (isInside(target, 'electron') || isInside(target, 'cli'))) {
      return `renderer/ may not import '${target}': it talks to the main process only through DeskApi (DESIGN.md §2).`;
    }
    const feature = /^renderer\/features\/([^/]+)\/(.+)$/u.exec(withoutExtension(target));
    if (kind === 'internal' && feature) {
      const [, featureName, rest] = feature;
      const ownFolder = `renderer/features/${featureName}`;
      if (!isInside(source, ownFolder) && rest !== 'index') {
        return `Features are used only through their index: import '${ownFolder}' instead of '${target}' (DESIGN.md §2).`;
      }
    }
  }

  if (isInside(source, 'electron')) {
    if (kind === 'internal' && (isInside(target, 'renderer') || isInside(target, 'cli'))) {
      return `electron/ never imports '${target}' (DESIGN.md §2).`;
    }
    if (isInside(source, 'electron/preload')) {
      if (kind === 'package' && name !== 'electron') {
        return `The preload imports only 'electron' and the contract in shared/ipc, not '${name}' (DESIGN.md §2).`;
      }
      if (kind === 'internal' && !isInside(target, 'shared/ipc') && !isInside(target, 'electron/preload')) {
        return `The preload imports only 'electron' and the contract in shared/ipc, not '${target}' (DESIGN.md §2).`;
      }
    }
  }

  if (isInside(source, 'cli')) {
    if (kind === 'internal' && (isInside(target, 'renderer') || isInside(target, 'electron'))) {
      return `cli/ is built on shared/ only; it may not import '${target}' (DESIGN.md §2).`;
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layering of DESIGN.md §2' },
    schema: [],
    messages: { violation: '{{message}}' },
  },
  create(context) {
    const root = context.cwd;
    const source = path.relative(root, context.filename).split(path.sep).join('/');

    /** @param {import('estree').Node | null | undefined} node */
    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const message = violation(source, resolveImport(node.value, context.filename, root));
      if (message) context.report({ node, messageId: 'violation', data: { message } });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

export default { meta: { name: 'tallinn-desk-architecture' }, rules: { boundaries } };
