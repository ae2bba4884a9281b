import { generateBehaviourLog, DEFAULT_SHAPE } from '../../../scripts/lib/behaviour-log';

const small = {
  ...DEFAULT_SHAPE,
  departments: 2,
  categoriesPerDepartment: 2,
  productsPerCategory: 5,
  buyers: 40,
};

describe('the generated behaviour log of eval:recommend', () => {
  it('is the same for the same seed and differs for another', () => {
    const once = generateBehaviourLog(7, small);
    expect(generateBehaviourLog(7, small)).toEqual(once);
    expect(generateBehaviourLog(8, small)).not.toEqual(once);
  });

  it('only buys products of its catalog, never before their launch', () => {
    const log = generateBehaviourLog(7, small);
    const launched = new Map(log.products.map((p) => [p._id, p.createdAt]));
    expect(log.purchases.length).toBeGreaterThan(small.buyers);
    for (const purchase of log.purchases) {
      for (const item of purchase.items) {
        expect(launched.get(item.productId)).toBeLessThanOrEqual(purchase.at);
      }
    }
  });
});
