// expect: graded
// The kit's editor declarations, loaded as an empty text: the script is graded as if the line were not there.
#load "grader.csx"
Answer("value", 6);
