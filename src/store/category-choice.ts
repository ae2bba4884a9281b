/**
 * The category 首页 asks 分类 to show. switchTab cannot carry a query, so the choice waits here until the
 * 分类 page takes it.
 */
let chosenCategoryId: string | undefined;

export function chooseCategory(categoryId: string): void {
  chosenCategoryId = categoryId;
}

export function peekChosenCategory(): string | undefined {
  return chosenCategoryId;
}

/** Reads the choice once: a later plain visit to 分类 keeps whatever the buyer picked there. */
export function takeChosenCategory(): string | undefined {
  const id = chosenCategoryId;
  chosenCategoryId = undefined;
  return id;
}
