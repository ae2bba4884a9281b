/** The address book's pure rules: which address is the default, and which slots an add may take. */
import {
  defaultAddressOf,
  freeAddressSlots,
  MAX_ADDRESSES,
  nextDefaultRank,
} from '../../../cloudfunctions/common/domain/address-rules';

const at = (_id: string, createdAt: number, defaultRank = 0) => ({ _id, createdAt, defaultRank });

test('the highest rank is the default; ties go to the earliest created, then the smaller id', () => {
  expect(defaultAddressOf([])).toBeUndefined();
  expect(defaultAddressOf([at('b', 2), at('a', 1)])?._id).toBe('a');
  expect(defaultAddressOf([at('a', 1), at('b', 2, 3), at('c', 3, 2)])?._id).toBe('b');
  expect(defaultAddressOf([at('y', 5, 4), at('x', 5, 4)])?._id).toBe('x');
});

test('choosing a default ranks it above every rank read', () => {
  expect(nextDefaultRank([])).toBe(1);
  const book = [at('a', 1, 7), at('b', 2, 3)];
  const chosen = { ...book[1], defaultRank: nextDefaultRank(book) };
  expect(defaultAddressOf([book[0], chosen])?._id).toBe('b');
});

test('free slots are those not taken, none once the book is full', () => {
  expect(freeAddressSlots([0, 2])).toEqual(
    Array.from({ length: MAX_ADDRESSES }, (_, i) => i).filter((i) => i !== 0 && i !== 2),
  );
  expect(freeAddressSlots(Array.from({ length: MAX_ADDRESSES }, (_, i) => i))).toEqual([]);
});
