// expect: rejected
// reason: #load
#load "../../../problems/cs577-a2/regression-network.yaml"
Answer("value", 6);
