// Svelte 5 compiles `<script lang="ts">` itself; no preprocessor is needed.
export default {};
