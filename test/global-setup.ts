// Filled in by the platform work: prepares the test database template.
export default async function setup(): Promise<void> {}
