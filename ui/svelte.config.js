// Svelte compiles `<script lang="ts">` itself (type annotations only); svelte-check reads
// this file too.
export default {
  compilerOptions: { runes: true },
};
