/**
 * Korean vocabulary of the legacy app: habit names are a time-of-day prefix (the part up to the first
 * ")" becomes habits.time_period) and an activity; themes, rewards and reflection phrases are what
 * parents type. Structure picks from these lists with fast-check; faker fills the free text.
 */

/** Time-of-day prefixes; '' means a habit without one (time_period null). */
export const HABIT_PREFIXES = [
  '',
  '아침 (6-9시)',
  '점심 (12-1시)',
  '오후 (3-6시)',
  '저녁 (7-9시)',
  '자기 전 (9-10시)',
] as const;

export const HABIT_ACTIVITIES = [
  '양치하기',
  '책 읽기',
  '숙제하기',
  '정리정돈',
  '물 마시기',
  '줄넘기',
  '일기 쓰기',
  '피아노 연습',
  '영어 단어 외우기',
  '세수하기',
  '옷 스스로 입기',
  '장난감 정리',
  '편식하지 않기',
  '스스로 일어나기',
] as const;

export function habitName(prefix: string, activity: string): string {
  return prefix === '' ? activity : `${prefix} ${activity}`;
}

export const THEMES = ['공룡 탐험', '우주 여행', '바다 친구들', '씩씩한 어린이', '스스로 하는 주', '건강한 몸', '책벌레 주간'] as const;

export const REWARDS = [
  '아이스크림 먹기',
  '놀이터 30분 더',
  '스티커 5장',
  '용돈 1,000원',
  '좋아하는 책 사기',
  '가족 영화 보기',
  '주말 캠핑',
  '레고 세트',
] as const;

export const GOOD_PHRASES = [
  '스스로 양치를 했어요',
  '책을 매일 읽었어요',
  '동생과 사이좋게 놀았어요',
  '일찍 일어났어요',
  '숙제를 먼저 했어요',
  '편식하지 않았어요',
] as const;

export const IMPROVE_PHRASES = [
  '늦게 자는 날이 많았어요',
  '정리정돈을 더 잘해봐요',
  '물을 더 마셔요',
  '게임 시간을 줄여봐요',
  '아침에 더 빨리 준비해요',
] as const;
