// A title quoted in a sentence between book-title marks. A title that already quotes one, such as
// 关于《…（征求意见稿）》公开征求意见的公告, takes the single marks inside (GB/T 15834-2011 4.15:
// 书名号中还需要书名号时，里面一层用单书名号): 《关于〈…〉公开征求意见的公告》, never 《关于《…》…》.

/** 《title》, with the title's own 《》 written 〈〉. */
export function bookTitle(title: string): string {
  return `《${title.replace(/《/g, '〈').replace(/》/g, '〉')}》`;
}
